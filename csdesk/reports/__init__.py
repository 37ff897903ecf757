"""Charts and PDF documents, from what the store hands out (scores never computed here).

Entry points: ``qbr_deck.build_qbr_deck`` (16:9 slides following the 90-minute QBR
agenda) and ``charter.build_charter`` (the portrait project charter). ``charts`` draws
matplotlib figures (the Figure API) that the UI shows and the PDFs embed as vectors
(``figure_flowable``); ``chart_data`` turns the store's views into their inputs.
Shared pieces: ``style`` (sizes, type scale), ``colours``, ``fonts`` (embedded DejaVu
Sans), ``text`` (wording and paragraphs), ``document`` (atomic, reproducible writing,
tables, page numbers). ``sample`` builds realistic accounts for samples, benchmarks
and tests.

Nothing is imported here, so importing ``csdesk.reports`` loads neither matplotlib nor
reportlab.
"""
