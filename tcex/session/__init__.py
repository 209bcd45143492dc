"""tcex.session"""
