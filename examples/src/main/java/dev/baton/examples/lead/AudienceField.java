package dev.baton.examples.lead;

/**
 * One value of a structured audience (a JSON property, a CSV cell, a form pair) with the key it
 * came under; {@code key} is null for values without one (a bare JSON string, a header-less CSV cell).
 */
record AudienceField(String key, String value) {}
