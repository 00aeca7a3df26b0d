// Deployments served from somewhere other than the API (S3, CloudFront) replace this file with one line that
// sets window.WSCHAT_URL to the stack's WebSocketUrl output. Empty means: the host that served the page.
window.WSCHAT_URL = window.WSCHAT_URL || "";
