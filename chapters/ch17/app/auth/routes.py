import functools
import re
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.security import check_password_hash, generate_password_hash

from app import db
from app.auth import bp
from app.auth.forms import (ChangeEmailForm, ChangePasswordForm, LoginForm,
                            RegistrationForm, ResendConfirmationForm, ResetPasswordForm,
                            ResetPasswordRequestForm)
from app.email import send_email
from app.models import User

# How often a signed-in person's last_seen is brought up to date.
LAST_SEEN_EVERY = timedelta(minutes=1)


@functools.cache
def dummy_password_hash():
    # Checked when no account has the address typed: an unknown address then takes
    # as long to refuse as a wrong password, and the wait tells nobody who has an
    # account. Made on first use, so that starting the app costs no hashing.
    return generate_password_hash('nobody has this password')


def is_safe_next(target):
    # Only a path on this site: one slash, and no second one ('//evil.example'
    # names another host). Browsers skip tabs and newlines in a URL and read a
    # backslash as a slash, so check the second slash as a browser sees it.
    seen = re.sub(r'[\t\n\r]', '', target).replace('\\', '/')
    return target.startswith('/') and not seen.startswith('//')


def send_confirmation_email(user):
    token = user.generate_confirmation_token()
    return send_email(user.email, 'Confirm Your Account', 'auth/email/confirm',
                      user=user, token=token)


@bp.before_app_request
def before_request():
    # The API knows a client by the credentials it sends, never by a browser's
    # session: there, the session is not even read.
    if request.blueprint != 'api' and current_user.is_authenticated:
        # Decided before the commit below, which makes the next read of
        # current_user a query. The auth pages stay open: sign out, confirm.
        must_confirm = (not current_user.confirmed and request.endpoint
                        and request.blueprint != 'auth' and request.endpoint != 'static')
        now = datetime.now(timezone.utc)
        # Written once a minute at most: each write is a commit (a write to disk), and a
        # commit makes the next read of current_user a query of its own.
        if current_user.last_seen is None or now - current_user.last_seen >= LAST_SEEN_EVERY:
            current_user.last_seen = now
            db.session.commit()
        if must_confirm:
            return redirect(url_for('auth.unconfirmed'))


@bp.route('/login', methods=['GET', 'POST'])
def login():
    if current_user.is_authenticated:
        return redirect(url_for('main.index'))
    form = LoginForm()
    if form.validate_on_submit():
        user = db.session.scalar(
            sa.select(User).where(User.email == form.email.data.lower()))
        if user is None:
            check_password_hash(dummy_password_hash(), form.password.data)
        if user is None or not user.check_password(form.password.data):
            flash('Invalid email or password')
            return redirect(url_for('auth.login'))
        if not login_user(user, remember=form.remember_me.data):
            flash('This account has been disabled.')
            return redirect(url_for('auth.login'))
        next_page = request.args.get('next')
        if not next_page or not is_safe_next(next_page):
            next_page = url_for('main.index')
        return redirect(next_page)
    return render_template('auth/login.html', title='Sign In', form=form)


@bp.route('/logout')
def logout():
    logout_user()
    return redirect(url_for('main.index'))


@bp.route('/register', methods=['GET', 'POST'])
def register():
    if current_user.is_authenticated:
        return redirect(url_for('main.index'))
    form = RegistrationForm()
    if form.validate_on_submit():
        user = User(username=form.username.data, email=form.email.data.lower())
        user.set_password(form.password.data)
        db.session.add(user)
        # Committed first: the confirmation token holds the new user's id.
        db.session.commit()
        sent = send_confirmation_email(user)
        flash('Congratulations, you are now a registered user!')
        if sent:
            flash('A confirmation e-mail has been sent to you.')
        else:
            flash('We could not send you the confirmation e-mail. '
                  'Sign in and ask for another one.')
        return redirect(url_for('auth.login'))
    return render_template('auth/register.html', title='Register', form=form)


@bp.route('/confirm/<token>')
@login_required
def confirm(token):
    if current_user.confirmed:
        return redirect(url_for('main.index'))
    if current_user.confirm(token):
        db.session.commit()
        flash('You have confirmed your account. Thanks!')
    else:
        flash('The confirmation link is invalid or has expired.')
    return redirect(url_for('main.index'))


@bp.route('/unconfirmed')
def unconfirmed():
    if current_user.is_anonymous or current_user.confirmed:
        return redirect(url_for('main.index'))
    form = ResendConfirmationForm()
    return render_template('auth/unconfirmed.html', title='Confirm Your Account',
                           form=form)


@bp.route('/confirm', methods=['POST'])
@login_required
def resend_confirmation():
    if current_user.confirmed:
        return redirect(url_for('main.index'))
    form = ResendConfirmationForm()
    if form.validate_on_submit():
        if send_confirmation_email(current_user):
            flash('A new confirmation e-mail has been sent to you.')
        else:
            flash('We could not send the e-mail. Please try again later.')
        return redirect(url_for('main.index'))
    return render_template('auth/unconfirmed.html', title='Confirm Your Account',
                           form=form)


@bp.route('/change_password', methods=['GET', 'POST'])
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        if current_user.check_password(form.old_password.data):
            current_user.set_password(form.password.data)
            # Every browser signed in as this user is signed out, and so
            # is anyone who learnt the old password...
            current_user.sign_out_everywhere()
            db.session.commit()
            # ...but this browser signs in again, under the new login_id.
            login_user(current_user._get_current_object())
            flash('Your password has been updated.')
            return redirect(url_for('main.index'))
        form.old_password.errors.append('Invalid password.')
    return render_template('auth/change_password.html', title='Change Password', form=form)


@bp.route('/reset_password_request', methods=['GET', 'POST'])
def reset_password_request():
    if current_user.is_authenticated:
        return redirect(url_for('main.index'))
    form = ResetPasswordRequestForm()
    if form.validate_on_submit():
        user = db.session.scalar(
            sa.select(User).where(User.email == form.email.data.lower()))
        if user is not None:
            send_email(user.email, 'Reset Your Password', 'auth/email/reset_password',
                       user=user, token=user.generate_reset_token())
        # The same answer either way: this page does not tell who has an account.
        flash('Check your e-mail for the instructions to reset your password.')
        return redirect(url_for('auth.login'))
    return render_template('auth/reset_password_request.html', title='Reset Password',
                           form=form)


@bp.route('/reset_password/<token>', methods=['GET', 'POST'])
def reset_password(token):
    if current_user.is_authenticated:
        return redirect(url_for('main.index'))
    # A link that no longer works says so before anyone types a new password.
    if User.from_reset_token(token) is None:
        flash('The reset link is invalid or has expired.')
        return redirect(url_for('main.index'))
    form = ResetPasswordForm()
    if form.validate_on_submit() and User.reset_password(token, form.password.data):
        db.session.commit()
        flash('Your password has been updated.')
        return redirect(url_for('auth.login'))
    return render_template('auth/reset_password.html', title='Reset Password', form=form)


@bp.route('/change_email', methods=['GET', 'POST'])
@login_required
def change_email_request():
    form = ChangeEmailForm()
    if form.validate_on_submit():
        if current_user.check_password(form.password.data):
            new_email = form.email.data.lower()
            token = current_user.generate_email_change_token(new_email)
            # The link goes to the new address: it proves the person owns it.
            if send_email(new_email, 'Confirm your new e-mail address',
                          'auth/email/change_email', user=current_user, token=token):
                flash('An e-mail with instructions to confirm your new e-mail address '
                      'has been sent to you.')
            else:
                flash('We could not send the e-mail. Please try again later.')
            return redirect(url_for('main.index'))
        form.password.errors.append('Invalid password.')
    return render_template('auth/change_email.html', title='Change Email Address',
                           form=form)


@bp.route('/change_email/<token>')
@login_required
def change_email(token):
    if current_user.change_email(token):
        try:
            db.session.commit()
        except sa.exc.IntegrityError:
            # Another account took the address after change_email() looked.
            db.session.rollback()
        else:
            flash('Your e-mail address has been updated.')
            return redirect(url_for('main.index'))
    flash('The link is invalid or has expired, or that address is taken.')
    return redirect(url_for('main.index'))
