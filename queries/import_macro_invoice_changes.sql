-- What differs between an invoice already in the database (the `old_` values) and the same id
-- in a file: '' when nothing does. Invoices and ledger files both reject such rows with it.
CREATE OR REPLACE TEMP MACRO import_invoice_changes(
  old_customer, new_customer, old_date, new_date, old_due, new_due,
  old_amount, new_amount, old_currency, new_currency, old_disputed, new_disputed) AS
  concat_ws('; ',
    CASE WHEN old_customer <> new_customer THEN format('customer {} there, {} here', old_customer, new_customer) END,
    CASE WHEN old_date <> new_date THEN format('invoice date {} there, {} here', old_date::VARCHAR, new_date::VARCHAR) END,
    CASE WHEN old_due <> new_due THEN format('due date {} there, {} here', old_due::VARCHAR, new_due::VARCHAR) END,
    CASE WHEN old_amount <> new_amount THEN format('amount {} there, {} here', old_amount::VARCHAR, new_amount::DECIMAL(18,2)::VARCHAR) END,
    CASE WHEN old_currency <> new_currency THEN format('currency {} there, {} here', old_currency, new_currency) END,
    CASE WHEN old_disputed <> new_disputed THEN format('disputed {} there, {} here', old_disputed::VARCHAR, new_disputed::VARCHAR) END);
