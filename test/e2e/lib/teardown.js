// Children are killed by the harness's exit handler in each test worker; nothing global to undo.
module.exports = async () => {};
