// The Node tests' way of talking to a worker host run in-process: send a request, poll the messages it posted for
// the reply to that request's id; an `error` reply rejects with its message and key.

/**
 * @param {{ receive: (message: any) => void }} host the in-process worker host
 * @param {any[]} messages every message the host posted, in order
 * @returns {(type: string, fields?: object) => Promise<any>}
 */
export function requester(host, messages) {
  let id = 0;
  return async (type, fields = {}) => {
    const mine = ++id;
    host.receive({ type, id: mine, ...fields });
    for (;;) {
      const reply = messages.find((m) => m.replyTo === mine);
      if (reply) {
        if (reply.type === 'error') throw Object.assign(new Error(reply.message), { key: reply.key });
        return reply;
      }
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  };
}
