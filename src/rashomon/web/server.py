"""Running the web app with uvicorn, after checking where it may listen."""

from __future__ import annotations

import logging

from .app import create_app
from .config import WebConfig, check_bind

log = logging.getLogger(__name__)


def serve(config: WebConfig) -> None:
    """Check the bind rule, then serve until interrupted."""
    import uvicorn  # imported here: the rest of Rashomon does not need a server

    check_bind(config)
    app = create_app(config)
    auth = "token required" if config.token else "no token (this machine only)"
    log.warning("serving %s on http://%s:%d (%s)", config.db, config.host, config.port, auth)
    uvicorn.run(app, host=config.host, port=config.port, log_level="warning")
