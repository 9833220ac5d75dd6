import sqlalchemy as sa
from flask import (abort, current_app, flash, make_response, redirect, render_template,
                   request, url_for)
from flask_login import current_user, login_required
from flask_sqlalchemy.record_queries import get_recorded_queries

from app import db
from app.decorators import admin_required, permission_required
from app.main import bp
from app.main.forms import (CommentForm, EditProfileAdminForm, EditProfileForm, FollowForm,
                            ModerateForm, PostForm, PreviewForm)
from app.models import Comment, Follow, Permission, Post, Role, User
from app.rich_text import to_safe_html


def page_number(per_page):
    """?page= (1 if not given); 404 for one that is no number, and for a page so far past
    the end that the database could not even count to its first row."""
    try:
        page = int(request.args.get('page', 1))
    except ValueError:
        abort(404)
    if page * per_page > 2**63 - 1:
        abort(404)
    return page


def paginate(query, per_page_setting='POSTS_PER_PAGE'):
    """One page of the query's rows: ?page= says which, ?per_page= how many (by default
    the setting named), up to MAX_POSTS_PER_PAGE. A page past the end, or below 1, is 404."""
    per_page = request.args.get('per_page', current_app.config[per_page_setting], type=int)
    per_page = min(per_page, current_app.config['MAX_POSTS_PER_PAGE'])
    return db.paginate(query, page=page_number(per_page), per_page=per_page)


@bp.after_app_request
def log_slow_queries(response):
    """After every request of the app: each query slower than SLOW_DB_QUERY_TIME, with
    where in the app's code it was made, goes to the log as a warning."""
    for query in get_recorded_queries():
        if query.duration >= current_app.config['SLOW_DB_QUERY_TIME']:
            current_app.logger.warning(
                'Slow query: %s\nParameters: %s\nDuration: %.1f ms\nLocation: %s',
                query.statement, query.parameters, query.duration * 1000, query.location)
    return response


@bp.route('/', methods=['GET', 'POST'])
@bp.route('/index', methods=['GET', 'POST'])
@login_required
def index():
    form = PostForm()
    if request.method == 'POST' and not current_user.can(Permission.WRITE):
        abort(403)
    if form.validate_on_submit():
        # current_user is a proxy for the user of this request; the database
        # needs the user object itself.
        post = Post(body=form.body.data, author=current_user._get_current_object())
        db.session.add(post)
        db.session.commit()
        flash('Your post is now live!')
        return redirect(url_for('main.index'))
    # The cookie remembers which tab the person chose: every post, or only those of
    # the people they follow.
    show_followed = bool(request.cookies.get('show_followed'))
    query = current_user.followed_posts if show_followed else sa.select(Post)
    posts = paginate(query.order_by(Post.timestamp.desc(), Post.id.desc()))
    return render_template('index.html', title='Home', form=form, posts=posts,
                           show_followed=show_followed)


def show_on_home_page(followed_only):
    response = make_response(redirect(url_for('main.index')))
    # An empty value means "every post". The choice is kept for 30 days.
    response.set_cookie('show_followed', '1' if followed_only else '',
                        max_age=30 * 24 * 60 * 60, httponly=True, samesite='Lax')
    return response


@bp.route('/all')
@login_required
def show_all():
    return show_on_home_page(followed_only=False)


@bp.route('/followed')
@login_required
def show_followed():
    return show_on_home_page(followed_only=True)


@bp.route('/user/<username>')
@login_required
def user(username):
    user = db.first_or_404(sa.select(User).where(User.username == username))
    posts = paginate(user.posts.select().order_by(Post.timestamp.desc(), Post.id.desc()))
    return render_template('user.html', user=user, posts=posts, follow_form=FollowForm())


@bp.route('/follow/<username>', methods=['POST'])
@login_required
@permission_required(Permission.FOLLOW)
def follow(username):
    # POST with the form's CSRF token: a link or an image on another site cannot
    # make a signed-in person follow someone.
    if not FollowForm().validate():
        abort(400)
    user = db.first_or_404(sa.select(User).where(User.username == username))
    if user == current_user:
        flash('You cannot follow yourself.')
    elif current_user.is_following(user):
        flash(f'You are already following {username}.')
    else:
        current_user.follow(user)
        try:
            db.session.commit()
        except sa.exc.IntegrityError:
            # Another request (a second press, another tab) followed first.
            db.session.rollback()
        flash(f'You are now following {username}.')
    return redirect(url_for('main.user', username=username))


@bp.route('/unfollow/<username>', methods=['POST'])
@login_required
@permission_required(Permission.FOLLOW)
def unfollow(username):
    if not FollowForm().validate():
        abort(400)
    user = db.first_or_404(sa.select(User).where(User.username == username))
    if user == current_user:
        flash('You cannot unfollow yourself.')
    elif not current_user.is_following(user):
        flash(f'You are not following {username}.')
    else:
        current_user.unfollow(user)
        db.session.commit()
        flash(f'You are not following {username} anymore.')
    return redirect(url_for('main.user', username=username))


@bp.route('/followers/<username>')
@login_required
def followers(username):
    user = db.first_or_404(sa.select(User).where(User.username == username))
    # Newest first; never the user, who follows themself.
    follows = paginate(user.followers.select().where(Follow.follower_id != user.id)
                       .order_by(Follow.timestamp.desc(), Follow.follower_id.desc()),
                       'FOLLOWERS_PER_PAGE')
    return render_template('follows.html', title=f'Followers of {username}', user=user,
                           follows=follows,
                           people=[(f.follower, f.timestamp) for f in follows],
                           endpoint='main.followers')


@bp.route('/following/<username>')
@login_required
def following(username):
    user = db.first_or_404(sa.select(User).where(User.username == username))
    follows = paginate(user.followed.select().where(Follow.followed_id != user.id)
                       .order_by(Follow.timestamp.desc(), Follow.followed_id.desc()),
                       'FOLLOWERS_PER_PAGE')
    return render_template('follows.html', title=f'Followed by {username}', user=user,
                           follows=follows,
                           people=[(f.followed, f.timestamp) for f in follows],
                           endpoint='main.following')


@bp.route('/post/<int:id>', methods=['GET', 'POST'])
@login_required
def post(id):
    post = db.get_or_404(Post, id)
    form = CommentForm()
    if request.method == 'POST' and not current_user.can(Permission.COMMENT):
        abort(403)
    if form.validate_on_submit():
        comment = Comment(body=form.body.data, post=post,
                          author=current_user._get_current_object())
        db.session.add(comment)
        db.session.commit()
        flash('Your comment has been published.')
        # page=-1 asks for the last page, where the new comment is.
        return redirect(url_for('main.post', id=post.id, page=-1, _anchor='comments'))
    per_page = current_app.config['COMMENTS_PER_PAGE']
    if request.args.get('page') == '-1':
        # The post came with its number of comments: the last page holds the newest.
        page = max(1, (post.comment_count + per_page - 1) // per_page)
    else:
        page = page_number(per_page)    # Flask-SQLAlchemy 404s a page that is not there
    # Oldest first: a conversation reads from the top.
    comments = db.paginate(
        post.comments.select().order_by(Comment.timestamp.asc(), Comment.id.asc()),
        page=page, per_page=per_page)
    return render_template('post.html', title='Post', posts=[post], post=post, form=form,
                           comments=comments)


@bp.route('/edit/<int:id>', methods=['GET', 'POST'])
@login_required
def edit(id):
    post = db.get_or_404(Post, id)
    if current_user != post.author and not current_user.can(Permission.ADMIN):
        abort(403)
    form = PostForm()
    if form.validate_on_submit():
        post.body = form.body.data
        db.session.commit()
        flash('The post has been updated.')
        return redirect(url_for('main.post', id=post.id))
    elif request.method == 'GET':
        form.body.data = post.body
    return render_template('edit_post.html', title='Edit Post', form=form)


@bp.route('/preview', methods=['POST'])
@login_required
@permission_required(Permission.WRITE)
def preview():
    # The Markdown as the post will show it, for the page's live preview: the
    # same conversion and cleaning as a saved post gets.
    form = PreviewForm()
    if not form.validate():
        abort(400)
    return to_safe_html(form.body.data or '')


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
    # The newest comments first, each with a button to disable or enable it.
    comments = paginate(sa.select(Comment).order_by(Comment.timestamp.desc(),
                                                    Comment.id.desc()), 'COMMENTS_PER_PAGE')
    return render_template('moderate.html', title='Moderation', comments=comments,
                           moderate_form=ModerateForm())


def set_disabled(id, disabled):
    if not ModerateForm().validate():
        abort(400)
    comment = db.get_or_404(Comment, id)
    comment.disabled = disabled
    db.session.commit()
    flash(f'The comment by {comment.author.username} has been '
          f'{"disabled" if disabled else "enabled"}.')
    return redirect(url_for('main.moderate', page=request.args.get('page', 1, type=int)))


@bp.route('/moderate/enable/<int:id>', methods=['POST'])
@login_required
@permission_required(Permission.MODERATE)
def moderate_enable(id):
    return set_disabled(id, False)


@bp.route('/moderate/disable/<int:id>', methods=['POST'])
@login_required
@permission_required(Permission.MODERATE)
def moderate_disable(id):
    return set_disabled(id, True)
