from flask import abort, current_app, request, url_for

from app import db


def paginated(query, key, per_page_setting, endpoint, **url_values):
    """One page of the query's rows as JSON: the rows under key, links to the pages
    before and after, and how many rows there are in all. ?page= says which page,
    ?per_page= how many rows (by default the setting named), up to MAX_POSTS_PER_PAGE;
    a page past the end is 404."""
    number = request.args.get('page', 1, type=int)
    per_page = request.args.get('per_page', current_app.config[per_page_setting], type=int)
    per_page = min(per_page, current_app.config['MAX_POSTS_PER_PAGE'])
    if number * per_page > 2**63 - 1:
        # Past the end of any table: the database could not even count that far.
        abort(404)
    page = db.paginate(query, page=number, per_page=per_page)
    if 'per_page' in request.args:
        url_values['per_page'] = page.per_page

    def link(number):
        return url_for(endpoint, page=number, _external=True, **url_values)

    return {
        key: [item.to_json() for item in page.items],
        'prev': link(page.prev_num) if page.has_prev else None,
        'next': link(page.next_num) if page.has_next else None,
        'count': page.total,
    }
