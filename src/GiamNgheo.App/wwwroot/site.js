// GiamNgheo's only script, served from the app (no CDN). A form marked data-confirm="…" asks before it is sent. A form
// marked data-busy="…" shows that message while the server works and cannot be sent twice (a long import must not be
// started again by a second click).
document.addEventListener('submit', event => {
    // A file over the server's limit is refused here with the server's words: sent, the server would answer 413 and
    // close the connection before the browser finished sending, and the browser would show a connection error instead.
    for (const input of event.target.querySelectorAll('input[type=file][data-max-bytes]')) {
        const tooLarge = [...input.files].some(f => f.size > Number(input.dataset.maxBytes));
        const message = event.target.querySelector('.too-large');
        if (message) message.hidden = !tooLarge;
        if (tooLarge) { event.preventDefault(); return; }
    }
    const asking = event.target.closest('form[data-confirm]');
    if (asking && !window.confirm(asking.dataset.confirm)) { event.preventDefault(); return; }
    const form = event.target.closest('form[data-busy]');
    if (!form) return;
    if (form.dataset.sent) { event.preventDefault(); return; }
    form.dataset.sent = 'true';
    for (const button of form.querySelectorAll('button[type=submit]')) {
        button.disabled = true;
        button.setAttribute('aria-disabled', 'true');
    }
    const status = form.querySelector('.busy');
    if (status) { status.textContent = form.dataset.busy; status.hidden = false; }
});
