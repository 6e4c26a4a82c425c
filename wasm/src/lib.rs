//! postlint for JavaScript.
