/**
 * The step handlers of the lead pipeline, loaded by executors through ServiceLoader:
 * {@link dev.baton.examples.lead.AudienceTranslator} ({@code audience-translator}),
 * {@link dev.baton.examples.lead.LeadEnrichment} ({@code lead-enrichment}) and
 * {@link dev.baton.examples.lead.EmailSequence} ({@code email-sequence}). Everything else in
 * the package is their private machinery.
 */
package dev.baton.examples.lead;
