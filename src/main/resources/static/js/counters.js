// Live character counters for copy fields with a channel limit (data-limit): "12 of 60 characters",
// marked when over. The server checks the same limits; this only tells people as they type.
(function () {
    function update(field) {
        var counter = document.getElementById(field.getAttribute('aria-describedby'));
        if (!counter) {
            return;
        }
        var limit = parseInt(field.getAttribute('data-limit'), 10);
        var length = field.value.length;
        var template = counter.getAttribute('data-template');
        counter.textContent = template.replace('{0}', length).replace('{1}', limit);
        counter.classList.toggle('over', length > limit);
        field.setAttribute('aria-invalid', length > limit ? 'true' : 'false');
    }
    document.addEventListener('input', function (event) {
        if (event.target.matches && event.target.matches('[data-limit]')) {
            update(event.target);
        }
    });
})();
