class ValidationError(ValueError):
    """What a client sent the API cannot be used; the message says why (a 400)."""
