module.exports = {
  ...require('gts/.prettierrc.json'),
  printWidth: 120,
};
