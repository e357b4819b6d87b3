// Starts Swagger UI on /api/docs (a file of its own: the pages' Content-Security-Policy allows no inline script).
window.addEventListener("load", function () {
  window.SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
});
