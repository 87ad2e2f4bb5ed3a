package dev.baton.dev;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scrape of a service's {@code GET /metrics}, parsed from the Prometheus text format (0.0.4):
 * sample lines {@code name{label="value",...} value}, comments skipped, label values unescaped.
 */
final class PrometheusText {
  record Sample(String name, Map<String, String> labels, double value) {
    boolean has(Map<String, String> wanted) {
      return labels.entrySet().containsAll(wanted.entrySet());
    }
  }

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final List<Sample> samples;
  private final String text;

  private PrometheusText(String text) {
    this.text = text;
    this.samples = parse(text);
  }

  /** GETs http://127.0.0.1:PORT/metrics; fails unless the answer is 200 in the text format. */
  static PrometheusText scrape(int port) throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200
        || !response.headers().firstValue("content-type").orElse("").startsWith("text/plain; version=0.0.4")) {
      throw new AssertionError("GET /metrics on port " + port + ": " + response.statusCode() + " "
          + response.headers().firstValue("content-type").orElse("(no content-type)") + "\n" + response.body());
    }
    return new PrometheusText(response.body());
  }

  /** Sum of the samples of {@code name} that have all the given labels; 0 when there are none. */
  double sum(String name, Map<String, String> labels) {
    return samples.stream().filter(s -> s.name().equals(name) && s.has(labels)).mapToDouble(Sample::value).sum();
  }

  /** The value of the one sample of {@code name} with the given labels; fails if there is none or several. */
  double value(String name, Map<String, String> labels) {
    List<Sample> found = samples.stream().filter(s -> s.name().equals(name) && s.has(labels)).toList();
    if (found.size() != 1) {
      throw new AssertionError(found.size() + " samples of " + name + " with " + labels + " in:\n" + text);
    }
    return found.get(0).value();
  }

  List<Sample> samples(String name) {
    return samples.stream().filter(s -> s.name().equals(name)).toList();
  }

  /** The {@code # TYPE} line's type of a metric family, or null. */
  String type(String family) {
    String prefix = "# TYPE " + family + " ";
    return text.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst()
        .orElse(null);
  }

  @Override
  public String toString() {
    return text;
  }

  static List<Sample> parse(String text) {
    List<Sample> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Map<String, String> labels = new LinkedHashMap<>();
      int brace = line.indexOf('{');
      int space = line.indexOf(' ');
      String name;
      int rest;
      if (brace >= 0 && brace < space) {
        name = line.substring(0, brace);
        rest = parseLabels(line, brace + 1, labels);
      } else {
        name = line.substring(0, space);
        rest = space;
      }
      String[] valueAndTime = line.substring(rest).trim().split(" ");
      out.add(new Sample(name, labels, Double.parseDouble(valueAndTime[0])));
    }
    return out;
  }

  /** Reads {@code a="x",b="y"} up to the closing brace; returns the index after it. */
  private static int parseLabels(String line, int at, Map<String, String> labels) {
    int i = at;
    while (line.charAt(i) != '}') {
      int eq = line.indexOf('=', i);
      String key = line.substring(i, eq);
      StringBuilder value = new StringBuilder();
      i = eq + 2; // past ="
      while (line.charAt(i) != '"') {
        char c = line.charAt(i);
        if (c == '\\') {
          char next = line.charAt(++i);
          value.append(next == 'n' ? '\n' : next);
        } else {
          value.append(c);
        }
        i++;
      }
      labels.put(key, value.toString());
      i++; // past the closing quote
      if (line.charAt(i) == ',') {
        i++;
      }
    }
    return i + 1;
  }
}
