import sqlalchemy as sa
from wtforms import StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError

from app import db
from app.forms import BrowserForm
from app.auth.forms import username_rule
from app.models import User


class EditProfileForm(BrowserForm):
    username = StringField('Username',
                           validators=[DataRequired(), Length(max=64), username_rule])
    about_me = TextAreaField('About me', validators=[Length(min=0, max=140)])
    submit = SubmitField('Submit')

    def __init__(self, original_username, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.original_username = original_username

    def validate_username(self, username):
        if username.data != self.original_username:
            user = db.session.scalar(sa.select(User).where(User.username == username.data))
            if user is not None:
                raise ValidationError('Please use a different username.')
