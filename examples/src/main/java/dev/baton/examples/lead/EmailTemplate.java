package dev.baton.examples.lead;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One email of a sequence, sent {@code day} days after the first, with {@code {{field}}} placeholders. */
record EmailTemplate(int day, String subject, String body) {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");

  /** Intro, follow-up, break-up: the classic three-touch cold sequence. */
  static final List<EmailTemplate> SEQUENCE = List.of(
      new EmailTemplate(0, "Quick question about {{company}}", """
          Hi {{firstName}},

          As {{title}} at {{company}}, you probably own how {{company}} finds its next customers \
          in {{industry}}. We help teams like yours turn a one-line audience description into \
          qualified leads and a ready-to-send sequence.

          Would a 15-minute call next week be useful?

          Best,
          {{sender}}"""),
      new EmailTemplate(3, "Re: Quick question about {{company}}", """
          Hi {{firstName}},

          Following up on my note from a few days ago. Other {{industry}} teams use us to cut \
          the time from "who should we talk to?" to a first reply from days to minutes.

          Worth a look for {{company}}?

          {{sender}}"""),
      new EmailTemplate(7, "Closing the loop, {{firstName}}", """
          Hi {{firstName}},

          I have not heard back, so I will assume the timing is not right for {{company}}. \
          If that changes, just reply to this email.

          All the best,
          {{sender}}"""));

  RenderedEmail render(Map<String, String> fields) {
    return new RenderedEmail(day, fill(subject, fields), fill(body, fields));
  }

  record RenderedEmail(int day, String subject, String body) {}

  private static String fill(String template, Map<String, String> fields) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = fields.get(m.group(1));
      if (value == null) {
        throw new IllegalStateException("template placeholder {{" + m.group(1) + "}} has no value; fields: "
            + fields.keySet());
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
