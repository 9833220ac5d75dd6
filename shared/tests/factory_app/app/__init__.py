"""A small app built by a factory, as the chapters are from chapter 8 on: test data
for the harness, which must serve both kinds of snapshot."""
import os

from flask import Blueprint, Flask, current_app
from flask_sqlalchemy import SQLAlchemy

from config import config

db = SQLAlchemy()
main = Blueprint('main', __name__)


def create_app(config_name=None):
    config_name = config_name or os.environ.get('FLASK_CONFIG') or 'default'
    app = Flask(__name__)
    app.config.from_object(config[config_name])
    app.config['CONFIG_NAME'] = config_name
    db.init_app(app)
    app.register_blueprint(main)
    return app


class Note(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    text = db.Column(db.String(140))


@main.route('/')
@main.route('/index')
def index():
    return current_app.config['GREETING']


@main.route('/config')
def config_name():
    return f"{current_app.config['CONFIG_NAME']} debug={current_app.debug}"


@main.route('/notes')
def notes():
    return str(db.session.scalar(db.select(db.func.count(Note.id))))
