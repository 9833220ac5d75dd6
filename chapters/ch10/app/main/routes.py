import sqlalchemy as sa
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from app import db
from app.decorators import admin_required, permission_required
from app.main import bp
from app.main.forms import EditProfileAdminForm, EditProfileForm
from app.models import Permission, Role, User


@bp.route('/')
@bp.route('/index')
@login_required
def index():
    posts = [
        {'author': {'username': 'John'}, 'body': 'Beautiful day in Portland!'},
        {'author': {'username': 'Susan'}, 'body': 'The Avengers movie was so cool!'},
    ]
    return render_template('index.html', title='Home', posts=posts)


@bp.route('/user/<username>')
@login_required
def user(username):
    user = db.first_or_404(sa.select(User).where(User.username == username))
    posts = [
        {'author': user, 'body': 'Test post #1'},
        {'author': user, 'body': 'Test post #2'},
    ]
    return render_template('user.html', user=user, posts=posts)


@bp.route('/edit_profile', methods=['GET', 'POST'])
@login_required
def edit_profile():
    form = EditProfileForm(current_user.username)
    if form.validate_on_submit():
        current_user.username = form.username.data
        current_user.name = form.name.data
        current_user.location = form.location.data
        current_user.about_me = form.about_me.data
        try:
            db.session.commit()
        except sa.exc.IntegrityError:
            # Another request took this username after validate_username()
            # looked: the database's unique index is the last word.
            db.session.rollback()
            form.username.errors.append('Please use a different username.')
        else:
            flash('Your changes have been saved.')
            return redirect(url_for('main.edit_profile'))
    elif request.method == 'GET':
        form.username.data = current_user.username
        form.name.data = current_user.name
        form.location.data = current_user.location
        form.about_me.data = current_user.about_me
    return render_template('edit_profile.html', title='Edit Profile', form=form)


@bp.route('/edit_profile/<int:id>', methods=['GET', 'POST'])
@login_required
@admin_required
def edit_profile_admin(id):
    user = db.get_or_404(User, id)
    form = EditProfileAdminForm(user=user)
    if form.validate_on_submit():
        user.email = form.email.data.lower()
        user.username = form.username.data
        user.confirmed = form.confirmed.data
        user.role = db.session.get(Role, form.role.data)
        user.name = form.name.data
        user.location = form.location.data
        user.about_me = form.about_me.data
        try:
            db.session.commit()
        except sa.exc.IntegrityError:
            # Another request took the username or the address after the form's
            # checks. Check again, now that their row is there, to say which.
            db.session.rollback()
            form.validate()
        else:
            flash('The profile has been updated.')
            return redirect(url_for('main.user', username=user.username))
    elif request.method == 'GET':
        form.email.data = user.email
        form.username.data = user.username
        form.confirmed.data = user.confirmed
        form.role.data = user.role_id
        form.name.data = user.name
        form.location.data = user.location
        form.about_me.data = user.about_me
    return render_template('edit_profile_admin.html', title='Edit Profile', form=form,
                           user=user)


@bp.route('/admin')
@login_required
@admin_required
def admin():
    # Each role with the number of people who have it, in one query.
    roles = db.session.execute(
        sa.select(Role, sa.func.count(User.id)).outerjoin(Role.users)
        .group_by(Role.id).order_by(Role.permissions)).all()
    return render_template('admin.html', title='Administration', roles=roles)


@bp.route('/moderate')
@login_required
@permission_required(Permission.MODERATE)
def moderate():
    return render_template('moderate.html', title='Moderation')
