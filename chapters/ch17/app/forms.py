from flask import request
from flask_wtf import FlaskForm


class BrowserForm(FlaskForm):
    """A form as a browser posts it: form fields, and nothing else."""

    def __init__(self, *args, **kwargs):
        # Flask-WTF would also fill the form from a JSON body or from uploaded
        # files: numbers, lists and files, which validators for text crash on.
        kwargs.setdefault('formdata', request.form)
        super().__init__(*args, **kwargs)
