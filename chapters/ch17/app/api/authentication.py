from functools import wraps

import sqlalchemy as sa
from flask import current_app
from flask_httpauth import HTTPBasicAuth, HTTPTokenAuth, MultiAuth
from werkzeug.security import check_password_hash

from app import db
from app.api import bp
from app.api.errors import error_response
from app.auth.routes import dummy_password_hash
from app.models import User

# A client proves who it is with every request: the API keeps no session. Either the
# e-mail address and password (HTTP basic authentication), or a token that
# POST /api/v1/tokens/ gave for them (Authorization: Bearer <token>).
basic_auth = HTTPBasicAuth()
token_auth = HTTPTokenAuth(scheme='Bearer')
auth = MultiAuth(basic_auth, token_auth)


@basic_auth.verify_password
def verify_password(email, password):
    if not email:
        # No credentials at all: no account to hide, so no password to check.
        return None
    user = db.session.scalar(sa.select(User).where(User.email == email.lower(), User.active))
    if user is None:
        # As long to refuse as a wrong password: the wait tells nobody who has an account.
        check_password_hash(dummy_password_hash(), password)
        return None
    if user.check_password(password):
        return user


@token_auth.verify_token
def verify_token(token):
    return User.from_auth_token(token)


def auth_error(status):
    # Flask-HTTPAuth adds the WWW-Authenticate header, which names the scheme to use.
    return error_response(status, 'Invalid or missing credentials.')


basic_auth.error_handler(auth_error)
token_auth.error_handler(auth_error)


@bp.before_request
@auth.login_required
def before_request():
    # Every request to the API, from a confirmed account. (An OPTIONS request, which
    # asks what a URL allows, needs no credentials: Flask-HTTPAuth lets it through.)
    user = auth.current_user()
    if user is not None and not user.confirmed:
        return error_response(403, 'Unconfirmed account.')


def permission_required(permission):
    """Let a view of the API run only for users whose role has the permission."""
    def decorator(view):
        @wraps(view)
        def decorated_view(*args, **kwargs):
            if not auth.current_user().can(permission):
                return error_response(403, 'Insufficient permissions.')
            return view(*args, **kwargs)
        return decorated_view
    return decorator


@bp.route('/tokens/', methods=['POST'])
@basic_auth.login_required
def get_token():
    # For the password only (so the password is checked a second time, here): a
    # token that could buy new tokens would never run out.
    return {'token': basic_auth.current_user().generate_auth_token(),
            'expires_in': current_app.config['API_TOKEN_MAX_AGE']}
