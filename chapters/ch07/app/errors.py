from flask import render_template

from app import app, db


@app.errorhandler(404)
def not_found_error(error):
    return render_template('404.html'), 404


@app.errorhandler(500)
def internal_error(error):
    # A failed commit leaves the session unusable; the page below still
    # reads the database (the navigation shows the current user).
    db.session.rollback()
    return render_template('500.html'), 500
