import sqlalchemy as sa
from wtforms import BooleanField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields import SelectChoice
from wtforms.validators import DataRequired, Email, Length, ValidationError

from app import db
from app.forms import BrowserForm
from app.auth.forms import email_taken, username_rule
from app.models import Role, User


class EditProfileForm(BrowserForm):
    username = StringField('Username',
                           validators=[DataRequired(), Length(max=64), username_rule])
    name = StringField('Real name', validators=[Length(max=64)])
    location = StringField('Location', validators=[Length(max=64)])
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


class EditProfileAdminForm(BrowserForm):
    email = StringField('Email', validators=[DataRequired(), Length(max=120), Email()])
    username = StringField('Username',
                           validators=[DataRequired(), Length(max=64), username_rule])
    confirmed = BooleanField('Confirmed')
    # The value sent is a role's id: coerce=int turns it back into a number.
    role = SelectField('Role', coerce=int)
    name = StringField('Real name', validators=[Length(max=64)])
    location = StringField('Location', validators=[Length(max=64)])
    about_me = TextAreaField('About me', validators=[Length(min=0, max=140)])
    submit = SubmitField('Submit')

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The roles are rows, so the choices are read when the form is made.
        roles = db.session.scalars(sa.select(Role).order_by(Role.name))
        self.role.choices = [SelectChoice(role.id, role.name) for role in roles]
        self.user = user

    def validate_email(self, field):
        if field.data.lower() != self.user.email and email_taken(field.data):
            raise ValidationError('Please use a different email address.')

    def validate_username(self, field):
        if field.data != self.user.username and db.session.scalar(
                sa.select(User).where(User.username == field.data)) is not None:
            raise ValidationError('Please use a different username.')


class PostForm(BrowserForm):
    body = TextAreaField("What's on your mind?",
                         validators=[DataRequired(), Length(max=140)])
    submit = SubmitField('Submit')


class PreviewForm(BrowserForm):
    # What the preview is sent while the person types: the Markdown, and the
    # form's CSRF token, which is all this form checks.
    body = TextAreaField()


class FollowForm(BrowserForm):
    # A button, and the CSRF token that shows the press came from this site's page.
    submit = SubmitField('Follow')


class CommentForm(BrowserForm):
    body = TextAreaField('Enter your comment', validators=[DataRequired(), Length(max=500)])
    submit = SubmitField('Submit')


class ModerateForm(BrowserForm):
    # Enable or Disable: a button, and the CSRF token.
    submit = SubmitField('Disable')
