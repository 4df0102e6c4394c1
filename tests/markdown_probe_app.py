"""A tiny Streamlit app for tests/test_markdown_browser.py: hostile values in captions, headings and a chart.

`?mode=raw` renders them as they are (the control: the browser must turn them into links, images,
colours and maths, or the test proves nothing); `?mode=escaped` through md_escape and the charts'
own escaping, as the dashboard does."""

import polars as pl
import streamlit as st

from dashboard import charts
from dashboard.safe_markdown import md_escape

HOST = "evil.example"
PAYLOADS = (f"[click](https://{HOST}/a)", f"![x](https://{HOST}/p.png)", f'<img src="https://{HOST}/i.png">',
            f'<a href="https://{HOST}/h">h</a>', f"**bold** :red[red] $x^2$ www.{HOST}",
            f"mail@{HOST} :material/home: <https://{HOST}/auto> :smile:", f"https://{HOST}/bare")

escaped = st.query_params.get("mode", "escaped") == "escaped"
for payload in PAYLOADS:
    st.caption(md_escape(payload) if escaped else payload)
    st.subheader(md_escape(payload) if escaped else payload)
frame = pl.DataFrame({"key": [str(i) for i in range(len(PAYLOADS))], "rate": [0.1] * len(PAYLOADS),
                      "low": [0.0] * len(PAYLOADS), "high": [0.2] * len(PAYLOADS)})
figure = charts.rate_bars(frame, lambda key: PAYLOADS[int(key)], "rate", "low", "high")
if not escaped:
    figure.data[0].y = PAYLOADS
st.plotly_chart(figure)
