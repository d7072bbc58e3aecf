-- Empty the settlement queue once it has been processed.
DELETE FROM settlement_queue;
