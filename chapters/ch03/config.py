import os


class Config:
    # Set SECRET_KEY in the environment anywhere but on your own machine.
    SECRET_KEY = os.environ.get('SECRET_KEY') or 'you-will-never-guess'
