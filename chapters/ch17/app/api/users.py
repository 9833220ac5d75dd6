from app import db
from app.api import bp
from app.api.pagination import paginated
from app.models import Post, User


@bp.route('/users/<int:id>')
def get_user(id):
    return db.get_or_404(User, id, description=f'There is no user {id}.').to_json()


@bp.route('/users/<int:id>/posts/')
def get_user_posts(id):
    user = db.get_or_404(User, id, description=f'There is no user {id}.')
    return paginated(user.posts.select().order_by(Post.timestamp.desc(), Post.id.desc()),
                     'posts', 'POSTS_PER_PAGE', 'api.get_user_posts', id=id)


@bp.route('/users/<int:id>/timeline/')
def get_user_timeline(id):
    # The posts of the people the user follows, themself included: their home page's
    # Followed tab.
    user = db.get_or_404(User, id, description=f'There is no user {id}.')
    return paginated(user.followed_posts.order_by(Post.timestamp.desc(), Post.id.desc()),
                     'posts', 'POSTS_PER_PAGE', 'api.get_user_timeline', id=id)
