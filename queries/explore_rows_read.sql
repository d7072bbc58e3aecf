-- The selected invoices as explore_selection_rows left them, largest amount first (no values to bind).
-- needs: explore_macro_book, explore_fill, explore_macro_selection, explore_selection_rows
SELECT * FROM explore_rows ORDER BY amount DESC, invoice_id;
