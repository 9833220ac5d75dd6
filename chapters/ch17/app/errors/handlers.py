import sqlalchemy as sa
from flask import g, render_template, request
from flask_login import current_user

from app import db, login
from app.api.errors import error_response
from app.errors import bp


def wants_json_response():
    # The API's addresses answer in JSON, and so does the whole site to a client that
    # prefers JSON to HTML (its Accept header says so); browsers get pages.
    return (request.path.startswith('/api/') or
            request.accept_mimetypes.best_match(['text/html', 'application/json'])
            == 'application/json')


@bp.app_errorhandler(403)
def forbidden_error(error):
    if wants_json_response():
        return error_response(403, error.description)
    return render_template('403.html'), 403


@bp.app_errorhandler(404)
def not_found_error(error):
    if wants_json_response():
        return error_response(404, error.description)
    return render_template('404.html'), 404


@bp.app_errorhandler(405)
def method_not_allowed_error(error):
    if wants_json_response():
        response = error_response(405, f'{request.method} is not allowed here.')
        # Which methods are: the header Flask's own answer has.
        response.headers['Allow'] = ', '.join(error.valid_methods)
        return response
    return error


@bp.app_errorhandler(413)
def too_large_error(error):
    if wants_json_response():
        return error_response(413, error.description)
    return render_template('413.html'), 413


@bp.app_errorhandler(500)
def internal_error(error):
    # A failed commit leaves the session unusable; the page below still
    # reads the database (the navigation shows the current user).
    db.session.rollback()
    if wants_json_response():
        return error_response(500, 'An unexpected error has occurred.')
    try:
        current_user.is_anonymous  # what the navigation asks: loads the user
    except sa.exc.SQLAlchemyError:
        # Not even the user can be read (the file is no database, or another
        # process locks it): draw the page as a signed-out visitor sees it.
        # Flask-Login keeps the user of this request in g._login_user.
        g._login_user = login.anonymous_user()
    return render_template('500.html'), 500
