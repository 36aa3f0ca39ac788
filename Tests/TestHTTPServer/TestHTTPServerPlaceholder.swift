/// Marker so the target has a source until the server lands.
enum TestHTTPServerModule {}
