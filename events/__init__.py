"""The bundled datasets and source texts (installed as ``timeline_app.events``)."""
