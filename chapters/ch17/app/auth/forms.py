import sqlalchemy as sa
from wtforms import BooleanField, PasswordField, StringField, SubmitField
from wtforms.validators import (DataRequired, Email, EqualTo, Length, Regexp,
                                ValidationError)

from app import db
from app.forms import BrowserForm
from app.models import User

# A username goes into addresses (/user/<username>): letters, digits, dots
# and underscores only, and a letter first.
username_rule = Regexp('^[A-Za-z][A-Za-z0-9_.]*$', 0,
                       'Usernames must start with a letter and have only letters, '
                       'numbers, dots or underscores')


def email_taken(email):
    # Addresses are kept in lower case, so they are compared in lower case.
    query = sa.select(User).where(User.email == email.lower())
    return db.session.scalar(query) is not None


class LoginForm(BrowserForm):
    email = StringField('Email', validators=[DataRequired(), Length(max=120), Email()])
    password = PasswordField('Password', validators=[DataRequired()])
    remember_me = BooleanField('Remember Me')
    submit = SubmitField('Sign In')


class RegistrationForm(BrowserForm):
    username = StringField('Username',
                           validators=[DataRequired(), Length(max=64), username_rule])
    email = StringField('Email', validators=[DataRequired(), Email(), Length(max=120)])
    password = PasswordField('Password', validators=[DataRequired()])
    password2 = PasswordField(
        'Repeat Password', validators=[DataRequired(), EqualTo('password')])
    submit = SubmitField('Register')

    def validate_username(self, username):
        user = db.session.scalar(sa.select(User).where(User.username == username.data))
        if user is not None:
            raise ValidationError('Please use a different username.')

    def validate_email(self, email):
        if email_taken(email.data):
            raise ValidationError('Please use a different email address.')


class ResendConfirmationForm(BrowserForm):
    submit = SubmitField('Send Another E-mail')


class ChangePasswordForm(BrowserForm):
    old_password = PasswordField('Old Password', validators=[DataRequired()])
    password = PasswordField('New Password', validators=[DataRequired()])
    password2 = PasswordField(
        'Repeat New Password', validators=[DataRequired(), EqualTo('password')])
    submit = SubmitField('Update Password')


class ResetPasswordRequestForm(BrowserForm):
    email = StringField('Email', validators=[DataRequired(), Length(max=120), Email()])
    submit = SubmitField('Reset Password')


class ResetPasswordForm(BrowserForm):
    password = PasswordField('New Password', validators=[DataRequired()])
    password2 = PasswordField(
        'Repeat New Password', validators=[DataRequired(), EqualTo('password')])
    submit = SubmitField('Reset Password')


class ChangeEmailForm(BrowserForm):
    email = StringField('New Email', validators=[DataRequired(), Length(max=120), Email()])
    password = PasswordField('Password', validators=[DataRequired()])
    submit = SubmitField('Update Email Address')

    def validate_email(self, email):
        if email_taken(email.data):
            raise ValidationError('Please use a different email address.')
