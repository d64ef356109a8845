package org.linli.conversation;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.linli.dialog.Channel;
import org.linli.dialog.DialogueState;
import org.linli.handoff.HandoffService;
import org.linli.handoff.WorkOrder;
import org.linli.knowledge.Lang;
import org.linli.resident.IdentityKind;
import org.linli.resident.ResidentDirectory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens orders that nobody reported in a conversation — filed through Open311 or entered by staff
 * — so that the resident hears about them like everyone else. With a contact number, the resident
 * (registered by that number, as on a first SMS) gets a conversation of their own for the order:
 * an SMS one for a mobile, a phone one for a landline. The order belongs to it, so the
 * {@link ResidentNotifier} tells them through it when the order is opened, claimed, resolved
 * (asking for the rating, which they give by replying a digit) and overdue, and their consenting
 * carers with them; on a landline the notices become callback tasks for staff, or the closing call
 * where telephony is configured. Without a number, the history says that nobody can be told.
 */
@Service
public class ContactOrders {

  private final HandoffService handoff;
  private final ConversationStore store;
  private final ResidentDirectory residents;
  private final ResidentNotifier notifier;
  private final Clock clock;

  ContactOrders(
      HandoffService handoff,
      ConversationStore store,
      ResidentDirectory residents,
      ResidentNotifier notifier,
      Clock clock) {
    this.handoff = handoff;
    this.store = store;
    this.residents = residents;
    this.notifier = notifier;
    this.clock = clock;
  }

  /**
   * Opens the order and tells the resident, all in one transaction.
   *
   * @param request without a conversation; its {@code contactPhone} is checked with {@link
   *     HandoffService#contactPhone} before anything is written
   * @param lang the language the resident is written to in
   */
  @Transactional
  public WorkOrder open(HandoffService.OpenRequest request, Lang lang) {
    if (request.conversationId() != null) {
      throw new IllegalArgumentException("an order with a conversation is opened by the conversation");
    }
    Optional<String> phone = HandoffService.contactPhone(request.contactPhone());
    if (phone.isEmpty()) {
      WorkOrder order = handoff.open(request);
      handoff.unreachable(order.number());
      return order;
    }
    String residentId = residents.residentFor(IdentityKind.PHONE, phone.get());
    String contact = residents.contact(residentId, IdentityKind.PHONE).orElse(phone.get());
    Channel channel = ResidentNotifier.mobile(contact) ? Channel.SMS : Channel.VOICE;
    Instant now = clock.instant();
    ConversationStore.ConversationRow conversation =
        store.create(channel, residentId, lang == null ? Lang.ZH : lang, AccessProfiles.defaultFor(channel),
            DialogueState.EMPTY.serialize(), now);
    // like a conversation handed to a person: what the resident sends back goes to the order's owner
    store.setMode(conversation.id(), "human", now);
    WorkOrder order =
        handoff.open(
            new HandoffService.OpenRequest(
                request.category(),
                request.priority(),
                request.summary(),
                request.location(),
                conversation.id(),
                residentId,
                request.channel(),
                phone.get(),
                request.actor(),
                request.reporter()));
    notifier.tellOpened(conversation, order.number());
    return order;
  }
}
