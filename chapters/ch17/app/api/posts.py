import sqlalchemy as sa

from app import db
from app.api import bp
from app.api.authentication import auth, permission_required
from app.api.errors import error_response, request_json
from app.api.pagination import paginated
from app.models import Permission, Post


@bp.route('/posts/')
def get_posts():
    return paginated(sa.select(Post).order_by(Post.timestamp.desc(), Post.id.desc()),
                     'posts', 'POSTS_PER_PAGE', 'api.get_posts')


@bp.route('/posts/', methods=['POST'])
@permission_required(Permission.WRITE)
def new_post():
    post = Post.from_json(request_json())
    post.author = auth.current_user()
    db.session.add(post)
    db.session.commit()
    # 201 Created, and where the new post lives.
    json = post.to_json()
    return json, 201, {'Location': json['url']}


@bp.route('/posts/<int:id>')
def get_post(id):
    return db.get_or_404(Post, id, description=f'There is no post {id}.').to_json()


@bp.route('/posts/<int:id>', methods=['PUT'])
def edit_post(id):
    post = db.get_or_404(Post, id, description=f'There is no post {id}.')
    user = auth.current_user()
    # As on the site: the author, or an administrator.
    if user != post.author and not user.can(Permission.ADMIN):
        return error_response(403, 'Only its author or an administrator may edit a post.')
    post.body = Post.from_json(request_json()).body
    db.session.commit()
    return post.to_json()
