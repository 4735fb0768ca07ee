// Small enhancements on top of server-rendered pages (the pages work without them).
// The chat form: emptied once the message is on its way, the newest words kept in view.
document.addEventListener('htmx:afterRequest', function (event) {
    var form = event.detail.elt;
    if (form.matches && form.matches('form.ask') && event.detail.successful) {
        form.reset();
        var empty = document.getElementById('chat-empty');
        if (empty) {
            empty.remove();
        }
    }
});
document.addEventListener('htmx:sseMessage', function (event) {
    var last = document.querySelector('#messages > li:last-child');
    if (last) {
        last.scrollIntoView({block: 'end'});
    }
});
// The canvas's print button: the browser's print dialog, which also saves as PDF.
document.addEventListener('click', function (event) {
    if (event.target.id === 'print-canvas') {
        window.print();
    }
});
