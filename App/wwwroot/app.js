// After an enhanced navigation to another page, focus moves to its heading, as it would on a full
// page load: a screen reader announces the new page and the next Tab starts at its top. A change of
// the query alone (a filter, a sort, the next page of a list) leaves the focus where it is.
(() => {
    let path = location.pathname;
    Blazor.addEventListener('enhancedload', () => {
        if (location.pathname === path) {
            return;
        }
        path = location.pathname;
        const heading = document.querySelector('h1');
        if (heading) {
            if (!heading.hasAttribute('tabindex')) {
                heading.setAttribute('tabindex', '-1');
            }
            heading.focus({ preventScroll: true });
        }
    });
})();
