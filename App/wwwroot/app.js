// After an enhanced navigation to another page, focus moves to its heading, as it would on a full
// page load: a screen reader announces the new page and the next Tab starts at its top. A change of
// the query alone (a filter, a sort, the next page of a list) leaves the focus where it is.
// An interactive page is first shown prerendered and then drawn again when its circuit attaches,
// which replaces the heading: the focus waits for the page's data-interactive="true".
(() => {
    let path = location.pathname;
    let waiting = null;

    const focusHeading = () => {
        const page = document.querySelector('[data-interactive]');
        const heading = document.querySelector(page ? '[data-interactive="true"] h1' : 'h1');
        if (!heading) {
            return false;
        }
        // Not when the member has already moved on into the page.
        const active = document.activeElement;
        if (active && active !== document.body && page?.contains(active)) {
            return true;
        }
        if (!heading.hasAttribute('tabindex')) {
            heading.setAttribute('tabindex', '-1');
        }
        heading.focus({ preventScroll: true });
        return true;
    };

    Blazor.addEventListener('enhancedload', () => {
        if (location.pathname === path) {
            return;
        }
        path = location.pathname;
        waiting?.disconnect();
        waiting = null;
        if (focusHeading()) {
            return;
        }
        waiting = new MutationObserver(() => {
            if (focusHeading()) {
                waiting.disconnect();
                waiting = null;
            }
        });
        waiting.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-interactive'] });
    });
})();
