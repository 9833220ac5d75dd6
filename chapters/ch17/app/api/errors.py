import json

from flask import jsonify, request
from werkzeug.exceptions import HTTPException, UnsupportedMediaType
from werkzeug.http import HTTP_STATUS_CODES

from app.api import bp
from app.exceptions import ValidationError


def error_response(status, message):
    """An error as the API answers it: its status, and JSON that names it and says why."""
    response = jsonify(error=HTTP_STATUS_CODES.get(status, 'Unknown Error'), message=message)
    response.status_code = status
    return response


@bp.errorhandler(HTTPException)
def http_error(error):
    # An HTTP error raised in a view of the API (a 400, a 415), as JSON. Those that
    # the whole site has pages for (403, 404, 405, 413, 500) go to the site's
    # handlers first, which answer JSON to the API: see app/errors/handlers.py.
    return error_response(error.code, error.description)


@bp.errorhandler(ValidationError)
def validation_error(error):
    return error_response(400, str(error))


def request_json():
    """The body of the request, read as JSON; a 415 if it says it is something else,
    a 400 if it is not JSON after all."""
    if not request.is_json:
        raise UnsupportedMediaType('Send JSON, with Content-Type: application/json.')
    try:
        return json.loads(request.get_data())
    except (ValueError, RecursionError):
        # RecursionError: JSON nested deeper than Python reads, [[[[...]]]].
        raise ValidationError('The request body is not valid JSON.')
