//! Integration tests of the server: HTTP in, JSON and HTML out (one test binary).

mod integration {
    pub(crate) mod api;
    pub(crate) mod browser;
    pub(crate) mod live;
    pub(crate) mod pages;
    pub(crate) mod support;
}
