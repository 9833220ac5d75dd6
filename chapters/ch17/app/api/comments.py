import sqlalchemy as sa

from app import db
from app.api import bp
from app.api.authentication import auth, permission_required
from app.api.errors import request_json
from app.api.pagination import paginated
from app.models import Comment, Permission, Post


@bp.route('/comments/')
def get_comments():
    # Newest first, as moderators see them.
    return paginated(sa.select(Comment).order_by(Comment.timestamp.desc(), Comment.id.desc()),
                     'comments', 'COMMENTS_PER_PAGE', 'api.get_comments')


@bp.route('/comments/<int:id>')
def get_comment(id):
    return db.get_or_404(Comment, id, description=f'There is no comment {id}.').to_json()


@bp.route('/posts/<int:id>/comments/')
def get_post_comments(id):
    post = db.get_or_404(Post, id, description=f'There is no post {id}.')
    # Oldest first, as under the post on the site.
    return paginated(post.comments.select().order_by(Comment.timestamp.asc(),
                                                     Comment.id.asc()),
                     'comments', 'COMMENTS_PER_PAGE', 'api.get_post_comments', id=id)


@bp.route('/posts/<int:id>/comments/', methods=['POST'])
@permission_required(Permission.COMMENT)
def new_post_comment(id):
    post = db.get_or_404(Post, id, description=f'There is no post {id}.')
    comment = Comment.from_json(request_json())
    comment.post = post
    comment.author = auth.current_user()
    db.session.add(comment)
    db.session.commit()
    json = comment.to_json()
    return json, 201, {'Location': json['url']}
