/*
 * Who else can see what is sent: whether each watched service encrypts its
 * messages end to end by default. Data only, curated by hand: to update an
 * entry, change it here with its source and the date it was checked (the help
 * page shows them); its note is a message id in _locales (one sentence).
 *
 * `e2e`: "yes" (end to end by default, for what a person sends from the site),
 * "partly" (only some of what the site sends), "no" (the service can read it).
 * `hosts`: the site and its subdomains; none for a service without a web app.
 *
 * A classic script: loaded in the isolated world before the dialog (which says
 * it for the site at hand) and by the help page (which shows the whole table),
 * as globalThis.thinkTwiceEncryption.
 */
(() => {
  "use strict";
  if (globalThis.thinkTwiceEncryption) return;
  const CHECKED = "2026-12-02";
  const service = (name, hosts, e2e, note, source) =>
    Object.freeze({ name, hosts: Object.freeze(hosts), e2e, note, source, checked: CHECKED });

  // Dating sites: none encrypts messages end to end, and each moderates what is sent.
  const DATING = [
    ["Tinder", "tinder.com", "https://policies.tinder.com/privacy"],
    ["Bumble", "bumble.com", "https://bumble.com/privacy"],
    ["Hinge", "hinge.co", "https://hinge.co/privacy"],
    ["OkCupid", "okcupid.com", "https://www.okcupid.com/legal/privacy"],
    ["Match", "match.com", "https://www.match.com/registration/membership/privacy"],
    ["Grindr", "web.grindr.com", "https://www.grindr.com/privacy-policy"],
    ["Plenty of Fish", "pof.com", "https://www.pof.com/privacy"],
    ["Feeld", "feeld.co", "https://feeld.co/privacy"],
    ["Hily", "hily.com", "https://hily.com/privacy"],
    ["Badoo", "badoo.com", "https://badoo.com/privacy"],
  ];

  const SERVICES = Object.freeze([
    service("WhatsApp", ["web.whatsapp.com"], "yes", "encWhatsApp", "https://faq.whatsapp.com/820124435853543"),
    service("Signal", [], "yes", "encSignal", "https://signal.org/docs/"),
    service("Messenger", ["messenger.com"], "yes", "encMessenger",
      "https://about.fb.com/news/2023/12/default-end-to-end-encryption-on-messenger/"),
    service("Facebook", ["facebook.com"], "partly", "encFacebook",
      "https://about.fb.com/news/2023/12/default-end-to-end-encryption-on-messenger/"),
    service("Snapchat", ["web.snapchat.com"], "partly", "encSnapchat", "https://values.snap.com/privacy/privacy-by-product"),
    service("Telegram", ["web.telegram.org"], "no", "encTelegram", "https://telegram.org/faq#q-so-how-do-you-encrypt-data"),
    service("Instagram", ["instagram.com"], "no", "encInstagram", "https://help.instagram.com/491565145294150"),
    service("X (Twitter)", ["x.com", "twitter.com"], "no", "encX", "https://help.x.com/en/using-x/encrypted-direct-messages"),
    service("Discord", ["discord.com"], "no", "encDiscord", "https://discord.com/safety/end-to-end-encryption"),
    service("Reddit", ["reddit.com"], "no", "encPlain", "https://www.reddit.com/policies/privacy-policy"),
    service("Slack", ["app.slack.com"], "no", "encWork", "https://slack.com/trust/security"),
    service("Microsoft Teams", ["teams.microsoft.com"], "no", "encWork",
      "https://learn.microsoft.com/en-us/microsoftteams/teams-end-to-end-encryption"),
    service("LinkedIn", ["linkedin.com"], "no", "encPlain", "https://www.linkedin.com/legal/privacy-policy"),
    ...DATING.map(([name, host, source]) => service(name, [host], "no", "encDating", source)),
    service("Gmail", ["mail.google.com"], "no", "encMail", "https://support.google.com/mail/answer/6330403"),
    service("Outlook", ["outlook.live.com"], "no", "encMail", "https://privacy.microsoft.com/privacystatement"),
  ]);

  /** The service whose site `hostname` is (the host or a subdomain of it), or null. */
  function serviceFor(hostname) {
    const host = String(hostname).toLowerCase();
    return SERVICES.find((s) => s.hosts.some((h) => host === h || host.endsWith(`.${h}`))) ?? null;
  }

  Object.defineProperty(globalThis, "thinkTwiceEncryption", {
    value: Object.freeze({ services: SERVICES, serviceFor }),
  });
})();
