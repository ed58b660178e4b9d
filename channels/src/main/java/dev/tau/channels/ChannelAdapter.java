package dev.tau.channels;

import dev.tau.channels.ingress.NormalizationException;
import tools.jackson.databind.JsonNode;

/**
 * One platform's inbound adapter: it turns the platform's raw payload (a Telegram update, a Discord
 * message, a WhatsApp Cloud API {@code value} object) into Tau's {@link InboundEvent}. The
 * platform's wire format never leaves the adapter's package. Every adapter has the same inside:
 * this public class, package-private wire records, and a package-private mapper.
 */
public interface ChannelAdapter {

  Transport transport();

  /**
   * Normalises one raw payload (tau-spec §5.3). The caller has checked that {@code payload} is an
   * object; the empty-content and contract checks follow in the caller.
   *
   * @param provider the ingress provider label recorded as metadata {@code ingress_provider}
   * @throws NormalizationException with the reason code and detail when a field is missing or
   *     mistyped
   */
  InboundEvent normalize(String provider, JsonNode payload);
}
