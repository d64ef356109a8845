package org.linli.channels.kiosk;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the hall kiosk ({@code linli.kiosk.*}).
 *
 * @param idleTimeout no touch for this long shows the "still there?" warning
 * @param idleWarning how long the warning stays before the screen, the conversation and the
 *     browser's storage are wiped and the kiosk goes home
 * @param pollInterval how often the kiosk, while it has a conversation, looks for staff (messages,
 *     a takeover from the console) and for its place in the queue
 * @param smsNumber the centre's SMS number; when set, the slip's QR code opens an SMS to it asking
 *     for the case's status, otherwise the QR code holds the case number as text
 */
@ConfigurationProperties("linli.kiosk")
public record KioskProperties(
    @DefaultValue("PT2M") Duration idleTimeout,
    @DefaultValue("PT30S") Duration idleWarning,
    @DefaultValue("PT3S") Duration pollInterval,
    @DefaultValue("") String smsNumber) {}
