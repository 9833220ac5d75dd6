// The live preview under a post's text box. As the person types, the form is sent
// to the server, which answers with the Markdown as HTML, converted and cleaned
// exactly as a saved post is. Only the server's answer is shown; what is saved is
// the Markdown the person typed, sent with the form.
document.querySelectorAll('[data-preview]').forEach(function (preview) {
  const form = preview.closest('form');
  const body = form.elements['body'];
  let waiting = null;
  let latest = 0;

  function show() {
    const asked = ++latest;
    fetch(preview.dataset.preview, {method: 'POST', body: new FormData(form)})
      .then(function (response) {
        // Signed out meanwhile: the answer is the login page, which is no preview.
        return response.ok && !response.redirected ? response.text() : '';
      })
      .then(function (html) {
        if (asked === latest) {      // an older answer that arrives late is dropped
          preview.innerHTML = html;
        }
      });
  }

  body.addEventListener('input', function () {
    clearTimeout(waiting);
    waiting = setTimeout(show, 150);   // after a pause in the typing
  });
  if (body.value) {
    show();
  }
});
