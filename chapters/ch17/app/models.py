import secrets
from datetime import datetime, timezone
from hashlib import sha256
from typing import Optional
from urllib.parse import urlencode

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask import current_app, url_for
from flask_login import AnonymousUserMixin, UserMixin
from itsdangerous import BadSignature, URLSafeTimedSerializer
from werkzeug.security import check_password_hash, generate_password_hash

from app import db, login
from app.exceptions import ValidationError
from app.rich_text import to_safe_html


def new_login_id():
    return secrets.token_hex(16)


class UTCDateTime(sa.TypeDecorator):
    """A moment in time, in UTC. SQLite keeps no time zone: the column holds the UTC
    date and time, and what is read back is marked as UTC again."""
    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is not None:
            value = value.astimezone(timezone.utc).replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):
        if value is not None:
            value = value.replace(tzinfo=timezone.utc)
        return value


def gravatar_hash(email):
    # Gravatar finds an avatar by the SHA-256 of the trimmed, lower-case address.
    return sha256(email.strip().lower().encode('utf-8')).hexdigest()


# What Gravatar draws for an address that has no avatar (its d argument), besides
# the address of an image of your own.
AVATAR_DEFAULTS = {'404', 'mp', 'mm', 'identicon', 'monsterid', 'wavatar', 'retro',
                   'robohash', 'blank'}
AVATAR_RATINGS = {'g', 'pg', 'r', 'x'}


def serializer(purpose):
    # The purpose is the salt: a token made for one purpose is refused for another.
    return URLSafeTimedSerializer(current_app.config['SECRET_KEY'], salt=purpose)


def read_token(token, purpose):
    """What the token holds, or None if it is forged, for another purpose, or too old."""
    try:
        return serializer(purpose).loads(
            token, max_age=current_app.config['CONFIRMATION_MAX_AGE'])
    except BadSignature:
        return None


def json_time(moment):
    """A moment as the API writes it: ISO 8601, in UTC (the Z). Every moment here is in
    UTC, whether or not it says so (SQLite keeps no time zone)."""
    if moment is None:
        return None
    return moment.strftime('%Y-%m-%dT%H:%M:%SZ')


def body_from_json(data, max_length):
    """The body that a JSON object sent to the API holds, checked as the site's forms
    check it. A ValidationError says what is wrong."""
    if not isinstance(data, dict):
        raise ValidationError('The request body must be a JSON object.')
    unknown = sorted(set(data) - {'body'})
    if unknown:
        raise ValidationError(f'Unknown field: {", ".join(unknown)}.')
    body = data.get('body')
    if body is None:
        raise ValidationError('The body is missing.')
    if not isinstance(body, str):
        raise ValidationError('The body must be a string.')
    try:
        body.encode('utf-8')
    except UnicodeEncodeError:
        # Half of a UTF-16 pair (JSON's "\ud800"): text no database can store.
        raise ValidationError('The body is not valid text.')
    if not body.strip():
        raise ValidationError('The body is empty.')
    if len(body) > max_length:
        raise ValidationError(f'The body is longer than {max_length} characters.')
    return body


class Permission:
    # One bit each: a role's permissions are the sum of its bits, in one integer.
    FOLLOW = 1
    COMMENT = 2
    WRITE = 4
    MODERATE = 8
    ADMIN = 16


class Role(db.Model):
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    name: so.Mapped[str] = so.mapped_column(sa.String(64), unique=True)
    # The role a new user gets; exactly one role has it.
    default: so.Mapped[bool] = so.mapped_column(
        default=False, server_default=sa.false(), index=True)
    permissions: so.Mapped[int] = so.mapped_column(default=0, server_default='0')

    users: so.WriteOnlyMapped['User'] = so.relationship(back_populates='role')

    # Each role's permissions; the first one is the default role.
    ROLES = {
        'User': [Permission.FOLLOW, Permission.COMMENT, Permission.WRITE],
        'Moderator': [Permission.FOLLOW, Permission.COMMENT, Permission.WRITE,
                      Permission.MODERATE],
        'Administrator': [Permission.FOLLOW, Permission.COMMENT, Permission.WRITE,
                          Permission.MODERATE, Permission.ADMIN],
    }

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # The column's default is filled in when the row is saved; a new role is
        # asked about its permissions before that.
        if self.permissions is None:
            self.permissions = 0

    def __repr__(self):
        return f'<Role {self.name}>'

    def has_permission(self, permission):
        return self.permissions & permission == permission

    def add_permission(self, permission):
        if not self.has_permission(permission):
            self.permissions += permission

    def remove_permission(self, permission):
        if self.has_permission(permission):
            self.permissions -= permission

    def reset_permissions(self):
        self.permissions = 0

    @staticmethod
    def insert_roles():
        """Make the roles of ROLES, or bring existing ones up to date: safe to run
        again after ROLES changes, and it never makes a second row of one role."""
        default_role = next(iter(Role.ROLES))
        for name, permissions in Role.ROLES.items():
            role = db.session.scalar(sa.select(Role).where(Role.name == name))
            if role is None:
                role = Role(name=name)
                db.session.add(role)
            role.reset_permissions()
            for permission in permissions:
                role.add_permission(permission)
            role.default = name == default_role
        db.session.commit()


class User(UserMixin, db.Model):
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    username: so.Mapped[str] = so.mapped_column(sa.String(64), index=True, unique=True)
    email: so.Mapped[str] = so.mapped_column(sa.String(120), index=True, unique=True)
    password_hash: so.Mapped[Optional[str]] = so.mapped_column(sa.String(256))
    name: so.Mapped[Optional[str]] = so.mapped_column(sa.String(64))
    location: so.Mapped[Optional[str]] = so.mapped_column(sa.String(64))
    about_me: so.Mapped[Optional[str]] = so.mapped_column(sa.String(140))
    member_since: so.Mapped[Optional[datetime]] = so.mapped_column(
        UTCDateTime, default=lambda: datetime.now(timezone.utc))
    last_seen: so.Mapped[Optional[datetime]] = so.mapped_column(
        UTCDateTime, default=lambda: datetime.now(timezone.utc))
    confirmed: so.Mapped[bool] = so.mapped_column(default=False, server_default=sa.false())
    active: so.Mapped[bool] = so.mapped_column(default=True, server_default=sa.true())
    login_id: so.Mapped[str] = so.mapped_column(
        sa.String(32), unique=True, index=True, default=new_login_id)
    role_id: so.Mapped[Optional[int]] = so.mapped_column(sa.ForeignKey(Role.id), index=True)
    avatar_hash: so.Mapped[Optional[str]] = so.mapped_column(sa.String(64))

    # A user who has posts cannot be deleted: the database refuses (their posts'
    # user_id points to them), and the ORM leaves it to the database.
    posts: so.WriteOnlyMapped['Post'] = so.relationship(back_populates='author',
                                                        passive_deletes=True)
    comments: so.WriteOnlyMapped['Comment'] = so.relationship(back_populates='author',
                                                              passive_deletes=True)
    # Loaded with the user, in the same query: every page asks what the user can do.
    role: so.Mapped[Optional[Role]] = so.relationship(back_populates='users', lazy='joined')
    # The Follow rows that link this user to others, from each end. Write-only: read
    # through a query (.select()), never all at once. A Follow lives only as long as
    # its link: removed from the collection, it is deleted; deleting the user deletes
    # their rows too, which the database does itself (ON DELETE CASCADE), as the
    # ORM cannot load a write-only collection to delete it row by row.
    followed: so.WriteOnlyMapped['Follow'] = so.relationship(
        foreign_keys='Follow.follower_id', back_populates='follower',
        cascade='all, delete-orphan', passive_deletes=True)
    followers: so.WriteOnlyMapped['Follow'] = so.relationship(
        foreign_keys='Follow.followed_id', back_populates='followed',
        cascade='all, delete-orphan', passive_deletes=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        if self.role is None:
            admin_email = current_app.config['MICROBLOG_ADMIN']
            if admin_email and self.email == admin_email:
                self.role = db.session.scalar(
                    sa.select(Role).where(Role.name == 'Administrator'))
            if self.role is None:
                self.role = db.session.scalar(sa.select(Role).where(Role.default))
        # Everyone follows themself: their own posts are among the ones they follow.
        self.followed.add(Follow(followed=self))

    def __repr__(self):
        return f'<User {self.username}>'

    def can(self, permission):
        return self.role is not None and self.role.has_permission(permission)

    def is_administrator(self):
        return self.can(Permission.ADMIN)

    @staticmethod
    def add_self_follows():
        """Make everyone who does not follow themself follow themself: users saved by an
        older version of the app, or straight into the database. Safe to run again."""
        alone = db.session.scalars(sa.select(User).where(~sa.exists().where(
            Follow.follower_id == User.id, Follow.followed_id == User.id)))
        for user in alone:
            db.session.add(Follow(follower=user, followed=user))
        db.session.commit()

    def follow(self, user):
        if not self.is_following(user):
            self.followed.add(Follow(followed=user))

    def unfollow(self, user):
        follow = db.session.scalar(self.followed.select().where(Follow.followed_id == user.id))
        if follow is not None:
            self.followed.remove(follow)

    def is_following(self, user):
        if user.id is None:
            return False
        return db.session.scalar(
            self.followed.select().where(Follow.followed_id == user.id)) is not None

    def is_followed_by(self, user):
        if user.id is None:
            return False
        return db.session.scalar(
            self.followers.select().where(Follow.follower_id == user.id)) is not None

    def followers_count(self):
        # Not counting the user, who follows themself.
        return db.session.scalar(sa.select(sa.func.count()).select_from(Follow).where(
            Follow.followed_id == self.id, Follow.follower_id != self.id))

    def following_count(self):
        return db.session.scalar(sa.select(sa.func.count()).select_from(Follow).where(
            Follow.follower_id == self.id, Follow.followed_id != self.id))

    @property
    def followed_posts(self):
        """The posts of everyone this user follows (themself included), as one query:
        each post joined to the Follow row of its author, kept where the follower is
        this user."""
        return sa.select(Post).join(Follow, Follow.followed_id == Post.user_id).where(
            Follow.follower_id == self.id)

    def set_password(self, password):
        # Slow on purpose, against guessing; tests/ asks for a quicker method (its
        # PASSWORD_HASH_METHOD setting), as its passwords guard nothing.
        method = current_app.config.get('PASSWORD_HASH_METHOD')
        if method:
            self.password_hash = generate_password_hash(password, method)
        else:
            self.password_hash = generate_password_hash(password)

    def check_password(self, password):
        return check_password_hash(self.password_hash, password)

    @so.validates('email')
    def keep_avatar_hash(self, key, email):
        # Whichever page changes the address, the avatar's hash follows it.
        self.avatar_hash = gravatar_hash(email) if email is not None else None
        return email

    def avatar(self, size=80, default='identicon', rating='g', force_default=False):
        """The address of the avatar: size in pixels, what to draw when there is no
        avatar (see AVATAR_DEFAULTS), the highest rating to show, and whether to draw
        the default even when there is one."""
        if not 1 <= size <= 2048:
            raise ValueError(f'avatar size {size} is not between 1 and 2048 pixels')
        if default not in AVATAR_DEFAULTS and not default.startswith(('https://', 'http://')):
            raise ValueError(f'{default!r} is no Gravatar default image')
        if rating not in AVATAR_RATINGS:
            raise ValueError(f'{rating!r} is no Gravatar rating')
        arguments = {'s': size, 'd': default, 'r': rating}
        if force_default:
            arguments['f'] = 'y'
        return f'https://www.gravatar.com/avatar/{self.avatar_hash}?{urlencode(arguments)}'

    @property
    def is_active(self):
        # Flask-Login signs nobody in whose account is not active.
        return self.active

    @property
    def is_authenticated(self):
        # Flask-Login's own answer reads is_active, a query once a commit has
        # expired the user. No need: load_user() never returns a disabled account.
        return True

    def get_id(self):
        # The session and the remember-me cookie hold login_id, not id:
        # a new login_id signs this user out of every browser at once.
        return self.login_id

    def sign_out_everywhere(self):
        self.login_id = new_login_id()

    def generate_confirmation_token(self):
        return serializer('confirm').dumps({'confirm': self.id})

    def confirm(self, token):
        data = read_token(token, 'confirm')
        if data is None or data['confirm'] != self.id:
            return False
        self.confirmed = True
        return True

    def generate_reset_token(self):
        return serializer('reset-password').dumps(
            {'reset': self.id, 'login_id': self.login_id})

    @staticmethod
    def from_reset_token(token):
        """The user a password reset token is for, or None if it no longer works."""
        data = read_token(token, 'reset-password')
        if data is None:
            return None
        user = db.session.get(User, data['reset'])
        # A reset signs the user out everywhere, which changes login_id: so a
        # token works once, and not at all after any other change of password.
        if user is None or user.login_id != data['login_id']:
            return None
        return user

    @staticmethod
    def reset_password(token, new_password):
        user = User.from_reset_token(token)
        if user is None:
            return False
        user.set_password(new_password)
        user.sign_out_everywhere()
        return True

    def generate_auth_token(self):
        # For the API: a signed token that stands for the password until it is
        # API_TOKEN_MAX_AGE seconds old, or until the user signs out everywhere.
        return serializer('api').dumps({'api': self.id, 'login_id': self.login_id})

    @staticmethod
    def from_auth_token(token):
        """The user an API token is for, or None if it no longer works."""
        try:
            data = serializer('api').loads(
                token, max_age=current_app.config['API_TOKEN_MAX_AGE'])
        except BadSignature:
            return None
        return db.session.scalar(sa.select(User).where(
            User.id == data['api'], User.login_id == data['login_id'], User.active))

    def to_json(self):
        """The user as the API shows them: no e-mail address, no password hash."""
        return {
            'url': url_for('api.get_user', id=self.id, _external=True),
            'username': self.username,
            'name': self.name,
            'location': self.location,
            'about_me': self.about_me,
            'member_since': json_time(self.member_since),
            'last_seen': json_time(self.last_seen),
            'posts_url': url_for('api.get_user_posts', id=self.id, _external=True),
            'timeline_url': url_for('api.get_user_timeline', id=self.id, _external=True),
            'post_count': db.session.scalar(
                sa.select(sa.func.count(Post.id)).where(Post.user_id == self.id)),
        }

    def generate_email_change_token(self, new_email):
        return serializer('change-email').dumps(
            {'change_email': self.id, 'new_email': new_email})

    def change_email(self, token):
        data = read_token(token, 'change-email')
        if data is None or data['change_email'] != self.id:
            return False
        new_email = data['new_email'].lower()
        # Someone may have taken the address since the e-mail was sent.
        if db.session.scalar(sa.select(User).where(User.email == new_email)) is not None:
            return False
        self.email = new_email
        return True


class Follow(db.Model):
    """One user following another, since a moment: a link with data of its own, so a
    model of its own rather than a bare association table."""
    follower_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey(User.id, ondelete='CASCADE'), primary_key=True)
    # The primary key's index finds whom someone follows (it starts with follower_id);
    # this one finds someone's followers, without reading every row of the table.
    followed_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey(User.id, ondelete='CASCADE'), primary_key=True, index=True)
    timestamp: so.Mapped[datetime] = so.mapped_column(
        UTCDateTime, default=lambda: datetime.now(timezone.utc))

    # Both users come in the same query as the row: a list of 100 follows is one
    # query, not 101.
    follower: so.Mapped[User] = so.relationship(
        foreign_keys=[follower_id], back_populates='followed', lazy='joined')
    followed: so.Mapped[User] = so.relationship(
        foreign_keys=[followed_id], back_populates='followers', lazy='joined')

    def __repr__(self):
        return f'<Follow {self.follower_id} -> {self.followed_id}>'


class AnonymousUser(AnonymousUserMixin):
    # Templates and views ask current_user.can() without checking who it is first.
    def can(self, permission):
        return False

    def is_administrator(self):
        return False


login.anonymous_user = AnonymousUser


@login.user_loader
def load_user(login_id):
    # A disabled account is signed out at its next request.
    return db.session.scalar(
        sa.select(User).where(User.login_id == login_id, User.active))


class Post(db.Model):
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    body: so.Mapped[str] = so.mapped_column(sa.String(140))
    # The body as HTML: Markdown rendered and cleaned once, when the body is set.
    body_html: so.Mapped[Optional[str]] = so.mapped_column(sa.Text)
    timestamp: so.Mapped[datetime] = so.mapped_column(
        index=True, default=lambda: datetime.now(timezone.utc))
    user_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey(User.id), index=True)

    # Loaded with the post, in the same query: every list of posts shows its authors.
    author: so.Mapped[User] = so.relationship(back_populates='posts', lazy='joined')
    comments: so.WriteOnlyMapped['Comment'] = so.relationship(back_populates='post',
                                                              passive_deletes=True)

    def __repr__(self):
        return f'<Post {self.body}>'

    def to_json(self):
        return {
            'url': url_for('api.get_post', id=self.id, _external=True),
            'body': self.body,
            'body_html': self.body_html,
            'timestamp': json_time(self.timestamp),
            'author_url': url_for('api.get_user', id=self.user_id, _external=True),
            'comments_url': url_for('api.get_post_comments', id=self.id, _external=True),
            'comment_count': self.comment_count,
        }

    @staticmethod
    def from_json(data):
        # The same 140 characters as the site's form allows.
        return Post(body=body_from_json(data, max_length=140))


@sa.event.listens_for(Post.body, 'set')
def render_body(post, body, old_body, initiator):
    post.body_html = to_safe_html(body) if body is not None else None


class Comment(db.Model):
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    body: so.Mapped[str] = so.mapped_column(sa.Text)
    body_html: so.Mapped[Optional[str]] = so.mapped_column(sa.Text)
    timestamp: so.Mapped[datetime] = so.mapped_column(
        index=True, default=lambda: datetime.now(timezone.utc))
    # A moderator hides a comment by disabling it; it is kept, and can come back.
    disabled: so.Mapped[bool] = so.mapped_column(default=False, server_default=sa.false())
    author_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey(User.id), index=True)
    post_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey(Post.id), index=True)

    author: so.Mapped[User] = so.relationship(back_populates='comments', lazy='joined')
    post: so.Mapped[Post] = so.relationship(back_populates='comments')

    def __repr__(self):
        return f'<Comment {self.body}>'

    def to_json(self):
        # A disabled comment keeps its place in the conversation, not its words.
        return {
            'url': url_for('api.get_comment', id=self.id, _external=True),
            'post_url': url_for('api.get_post', id=self.post_id, _external=True),
            'body': None if self.disabled else self.body,
            'body_html': None if self.disabled else self.body_html,
            'timestamp': json_time(self.timestamp),
            'author_url': url_for('api.get_user', id=self.author_id, _external=True),
            'disabled': self.disabled,
        }

    @staticmethod
    def from_json(data):
        return Comment(body=body_from_json(data, max_length=500))


@sa.event.listens_for(Comment.body, 'set')
def render_comment(comment, body, old_body, initiator):
    # The same Markdown, cleaned the same way, as a post's.
    comment.body_html = to_safe_html(body) if body is not None else None


# How many comments a post has, counted by the database in the query that reads the
# post: a list of twenty posts shows twenty counts without a query for each.
Post.comment_count = so.column_property(
    sa.select(sa.func.count(Comment.id)).where(Comment.post_id == Post.id)
    .correlate_except(Comment).scalar_subquery())
