package org.linli.channels.web;

/**
 * {@code POST /api/chat/messages} body.
 *
 * @param conversationId null to start a conversation
 * @param channel "web" (default) or "kiosk"
 * @param lang optional "zh" or "en"
 * @param messageId optional client id of this message: a retry with the same id is answered from
 *     the store instead of running a second turn
 */
record ChatRequest(
    String conversationId, String channel, String text, String lang, String messageId) {}
