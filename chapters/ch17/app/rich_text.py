"""Markdown in, safe HTML out: what a post's body becomes on a page."""
import markdown
import nh3

# Only these tags and attributes survive; everything else is taken out, with
# whatever the tags held when that could run (script, style).
ALLOWED_TAGS = {'a', 'abbr', 'acronym', 'b', 'blockquote', 'code', 'em', 'i', 'li', 'ol',
                'pre', 'strong', 'ul', 'h1', 'h2', 'h3', 'p'}
ALLOWED_ATTRIBUTES = {'a': {'href', 'title'}, 'abbr': {'title'}, 'acronym': {'title'}}
# A link may lead to a web page or an address, never to javascript: or data:.
ALLOWED_URL_SCHEMES = {'http', 'https', 'mailto'}


def to_safe_html(text):
    html = markdown.markdown(text, output_format='html')
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes=ALLOWED_URL_SCHEMES,
                     link_rel='nofollow noopener noreferrer')
