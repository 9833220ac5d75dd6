import sqlalchemy as sa
from flask import g, render_template
from flask_login import current_user

from app import db, login
from app.errors import bp


@bp.app_errorhandler(403)
def forbidden_error(error):
    return render_template('403.html'), 403


@bp.app_errorhandler(404)
def not_found_error(error):
    return render_template('404.html'), 404


@bp.app_errorhandler(413)
def too_large_error(error):
    return render_template('413.html'), 413


@bp.app_errorhandler(500)
def internal_error(error):
    # A failed commit leaves the session unusable; the page below still
    # reads the database (the navigation shows the current user).
    db.session.rollback()
    try:
        current_user.is_anonymous  # what the navigation asks: loads the user
    except sa.exc.SQLAlchemyError:
        # Not even the user can be read (the file is no database, or another
        # process locks it): draw the page as a signed-out visitor sees it.
        # Flask-Login keeps the user of this request in g._login_user.
        g._login_user = login.anonymous_user()
    return render_template('500.html'), 500
