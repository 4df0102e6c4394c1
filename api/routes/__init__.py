"""One file per resource, each with a ``router``; :data:`api.app.ROUTERS` registers them."""
