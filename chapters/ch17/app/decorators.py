from functools import wraps

from flask import abort
from flask_login import current_user

from app.models import Permission


def permission_required(permission):
    """Let a view run only for users whose role has the permission: 403 for the rest.
    Put @login_required above it, so that a signed-out visitor is asked to sign in."""
    def decorator(view):
        @wraps(view)
        def decorated_view(*args, **kwargs):
            if not current_user.can(permission):
                abort(403)
            return view(*args, **kwargs)
        return decorated_view
    return decorator


def admin_required(view):
    return permission_required(Permission.ADMIN)(view)
