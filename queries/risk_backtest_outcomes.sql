-- What happened after D, per customer with an invoice due in (D, D + $horizon_days]: how many such
-- invoices, and how many went bad (not settled by $grace_days days after the due date: paid that
-- late, or still unpaid then), with the first date a bad one showed (due + grace + 1).
-- Reads events after D on purpose: this is the outcome the scores as of D are judged against.
SELECT customer_id,
       count(*)::INTEGER AS invoices_due,
       count(*) FILTER (WHERE settle_date IS NULL OR settle_date > due_date + $grace_days::INTEGER)::INTEGER AS bad_invoices,
       min(due_date + $grace_days::INTEGER + 1) FILTER (WHERE settle_date IS NULL OR settle_date > due_date + $grace_days::INTEGER)::VARCHAR AS first_bad
FROM invoice_status
WHERE due_date > $as_of::DATE AND due_date <= $as_of::DATE + $horizon_days::INTEGER
GROUP BY customer_id
ORDER BY customer_id;
